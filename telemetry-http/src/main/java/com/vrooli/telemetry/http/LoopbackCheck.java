package com.vrooli.telemetry.http;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Whether a bind address stays on this machine. Stateless. */
final class LoopbackCheck {

    private LoopbackCheck() {
    }

    /**
     * True when every address {@code host} resolves to is a loopback address ({@code 127.0.0.0/8},
     * {@code ::1}, {@code localhost}); false for a wildcard, any other address, or a name that does
     * not resolve (binding it fails anyway).
     */
    static boolean isLoopback(String host) {
        try {
            InetAddress[] all = InetAddress.getAllByName(host);
            for (InetAddress a : all) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return all.length > 0;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
