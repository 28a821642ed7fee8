package com.vrooli.telemetry.http;

import java.util.List;
import java.util.Locale;

/**
 * Whether a request's {@code Accept-Encoding} headers accept gzip (RFC 9110, 12.5.3): {@code gzip}
 * (or {@code x-gzip}) with a non-zero quality, or {@code *} with a non-zero quality when gzip is
 * not listed itself. A malformed quality counts as zero. Stateless.
 */
final class AcceptEncoding {

    private AcceptEncoding() {
    }

    static boolean acceptsGzip(List<String> headers) {
        if (headers == null) {
            return false;
        }
        Boolean gzip = null;
        boolean any = false;
        for (String header : headers) {
            for (String item : header.split(",")) {
                String[] parts = item.split(";");
                String coding = parts[0].trim().toLowerCase(Locale.ROOT);
                boolean accepted = quality(parts) > 0;
                if (coding.equals("gzip") || coding.equals("x-gzip")) {
                    gzip = gzip == null ? accepted : gzip && accepted;
                } else if (coding.equals("*")) {
                    any = accepted;
                }
            }
        }
        return gzip != null ? gzip : any;
    }

    private static double quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim().toLowerCase(Locale.ROOT);
            if (p.startsWith("q=")) {
                try {
                    double q = Double.parseDouble(p.substring(2).trim());
                    return q >= 0 && q <= 1 ? q : 0;
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
