package com.vrooli.telemetry.http;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * What identifies a client for rate limits: its address (an IPv6 address by its /64 prefix, which
 * one host or site usually holds whole) and, with tokens, the token it presented. A token alone
 * would not do: an upload token ships inside every install of a bundle, so one abuser could spend
 * the whole fleet's budget. Stateless.
 */
final class ClientKeys {

    private ClientKeys() {
    }

    static String of(InetSocketAddress source, TokenGrant grant) {
        String address = address(source);
        return grant == null ? address : "token" + grant.id() + "@" + address;
    }

    private static String address(InetSocketAddress source) {
        if (source == null || source.getAddress() == null) {
            return "unknown";
        }
        InetAddress a = source.getAddress();
        if (a instanceof Inet6Address) {
            byte[] b = a.getAddress();
            StringBuilder prefix = new StringBuilder(24);
            for (int i = 0; i < 8; i += 2) {
                prefix.append(Integer.toHexString(((b[i] & 0xff) << 8) | (b[i + 1] & 0xff))).append(':');
            }
            return prefix.append(":/64").toString();
        }
        return a.getHostAddress();
    }
}
