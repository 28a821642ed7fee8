package com.vrooli.telemetry.cli;

/** JDBC URLs as they may be shown: without the parameters, which can carry the user and password. */
final class JdbcUrls {

    private JdbcUrls() {
    }

    /** The URL up to its parameters ({@code ?...}); also drops a {@code user:password@} part. */
    static String withoutParameters(String url) {
        int q = url.indexOf('?');
        String base = q < 0 ? url : url.substring(0, q);
        int scheme = base.indexOf("//");
        int at = base.indexOf('@');
        if (scheme >= 0 && at > scheme) {
            base = base.substring(0, scheme + 2) + base.substring(at + 1);
        }
        return base;
    }
}
