package com.vrooli.telemetry.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Runs the README's shell pipelines in process: {@code curl} (with {@code -X}, {@code -H},
 * {@code -d}/{@code --data}/{@code --data-binary}, {@code @-} for standard input,
 * {@code --compressed}, {@code -s}) over {@code java.net.http}, fed by {@code printf '%s\n' ...},
 * {@code gzip}, {@code head -c N /dev/zero} and {@code tr}, and read by {@code jq .}. Any other
 * program or option is refused with an error naming it, so a README example this cannot run is
 * never skipped silently.
 */
final class ReadmeShell {

    /** What a pipeline's curl got; {@code json} when the answer was piped to {@code jq}. */
    record Outcome(int status, String body, boolean json) {
    }

    private final HttpClient client = HttpClient.newHttpClient();
    private final Map<String, String> variables;

    ReadmeShell(Map<String, String> variables) {
        this.variables = variables;
    }

    Outcome run(String shell) {
        List<List<String>> stages = ShellWords.pipeline(shell, variables);
        byte[] data = new byte[0];
        Outcome outcome = null;
        for (List<String> stage : stages) {
            String program = stage.get(0);
            List<String> args = stage.subList(1, stage.size());
            switch (program) {
                case "printf" -> data = printf(args);
                case "gzip" -> data = ServerExtension.gzip(data);
                case "head" -> data = head(args);
                case "tr" -> data = tr(args, data);
                case "curl" -> outcome = curl(args, data);
                case "jq" -> {
                    require(outcome != null && args.equals(List.of(".")), "only curl ... | jq . is run");
                    outcome = new Outcome(outcome.status(), outcome.body(), true);
                }
                default -> throw new IllegalArgumentException("cannot run '" + program + "'");
            }
        }
        require(outcome != null, "the command runs no curl");
        return outcome;
    }

    private static byte[] printf(List<String> args) {
        require(!args.isEmpty() && args.get(0).equals("%s\\n"), "only printf '%s\\n' ... is run");
        StringBuilder out = new StringBuilder();
        args.subList(1, args.size()).forEach(a -> out.append(a).append('\n'));
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] head(List<String> args) {
        require(args.size() == 3 && args.get(0).equals("-c") && args.get(2).equals("/dev/zero"),
                "only head -c N /dev/zero is run");
        return new byte[Integer.parseInt(args.get(1))];
    }

    private static byte[] tr(List<String> args, byte[] data) {
        require(args.size() == 2 && args.get(1).length() == 1, "only tr 'C' 'D' is run");
        byte from = (byte) (args.get(0).equals("\\0") ? 0 : args.get(0).charAt(0));
        byte[] out = data.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = out[i] == from ? (byte) args.get(1).charAt(0) : out[i];
        }
        return out;
    }

    private Outcome curl(List<String> args, byte[] stdin) {
        String method = null;
        String url = null;
        byte[] body = null;
        boolean compressed = false;
        boolean typed = false;
        HttpRequest.Builder request = HttpRequest.newBuilder().timeout(Duration.ofSeconds(60));
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "-X" -> method = args.get(++i);
                case "-H" -> {
                    String[] header = args.get(++i).split(":\\s*", 2);
                    typed |= header[0].equalsIgnoreCase("Content-Type");
                    request.header(header[0], header[1]);
                }
                case "-d", "--data", "--data-binary" -> {
                    String value = args.get(++i);
                    body = value.equals("@-") ? stdin : value.getBytes(StandardCharsets.UTF_8);
                    require(!value.startsWith("@") || value.equals("@-"), "only @- is read as a file");
                }
                case "--compressed" -> compressed = true;
                case "-s", "-sS" -> {
                }
                default -> {
                    require(!a.startsWith("-"), "curl option " + a + " is not supported");
                    url = a;
                }
            }
        }
        if (body != null && !typed) {
            request.header("Content-Type", "application/x-www-form-urlencoded");
        }
        if (compressed) {
            request.header("Accept-Encoding", "gzip");
        }
        String verb = method != null ? method : body != null ? "POST" : "GET";
        request.uri(URI.create(url)).method(verb, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            HttpResponse<byte[]> r = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            byte[] answer = r.body();
            if (compressed && r.headers().firstValue("Content-Encoding").orElse("").equals("gzip")) {
                try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(answer))) {
                    answer = in.readAllBytes();
                }
            }
            return new Outcome(r.statusCode(), new String(answer, StandardCharsets.UTF_8), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
