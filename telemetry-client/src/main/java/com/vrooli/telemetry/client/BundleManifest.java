package com.vrooli.telemetry.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.vrooli.telemetry.core.EventRules;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * What a bundle manifest ({@code bundle.json}) says about telemetry: the scenario
 * ({@code app.name}), the app version ({@code app.version}), the local file
 * ({@code telemetry.file}, relative to the app data dir, default
 * {@value #DEFAULT_FILE}), the upload address ({@code telemetry.upload_to}, or
 * {@code telemetry.upload_url} as existing bundles write it; none means local only) and an
 * optional bearer token ({@code telemetry.token}, or {@code telemetry.token_file} relative to the
 * app data dir). Every other key is ignored.
 */
record BundleManifest(String scenario, String appVersion, Path telemetryFile, URI uploadUri, String token) {

    static final String DEFAULT_FILE = "telemetry/deployment-telemetry.jsonl";

    /**
     * Reads and checks a manifest.
     *
     * @throws BundleManifestException when it is missing, unreadable, not JSON, or a field is unusable
     */
    static BundleManifest read(Path manifest, Path appDataDir) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(manifest);
        } catch (IOException e) {
            throw new BundleManifestException("cannot read the bundle manifest " + manifest + ": " + e, e);
        }
        JsonNode root;
        try {
            root = ClientJson.read(bytes);
        } catch (IOException e) {
            throw new BundleManifestException("the bundle manifest " + manifest + " is not valid JSON: "
                    + (e instanceof JsonProcessingException ? ((JsonProcessingException) e).getOriginalMessage()
                    : e.toString()), e);
        }
        if (root == null || !root.isObject()) {
            throw new BundleManifestException("the bundle manifest " + manifest + " must be a JSON object");
        }
        String name = text(root.path("app"), "name", manifest, "app.name");
        if (name == null) {
            throw new BundleManifestException("the bundle manifest " + manifest + " has no app.name (the scenario)");
        }
        String problem = EventRules.scenarioProblem(name);
        if (problem != null) {
            throw new BundleManifestException("app.name in " + manifest + " cannot be the scenario: " + problem);
        }
        String version = text(root.path("app"), "version", manifest, "app.version");
        JsonNode telemetry = root.path("telemetry");
        String file = text(telemetry, "file", manifest, "telemetry.file");
        String upload = text(telemetry, "upload_to", manifest, "telemetry.upload_to");
        if (upload == null) {
            upload = text(telemetry, "upload_url", manifest, "telemetry.upload_url");
        }
        String token = text(telemetry, "token", manifest, "telemetry.token");
        String tokenFile = text(telemetry, "token_file", manifest, "telemetry.token_file");
        if (token == null && tokenFile != null) {
            token = readToken(resolve(appDataDir, tokenFile, manifest, "telemetry.token_file"), manifest);
        }
        return new BundleManifest(name, version, resolve(appDataDir, file == null ? DEFAULT_FILE : file, manifest,
                "telemetry.file"), upload == null ? null : uploadUri(upload, manifest), token);
    }

    private static String text(JsonNode parent, String key, Path manifest, String field) {
        JsonNode v = parent.path(key);
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new BundleManifestException(field + " in " + manifest + " must be a string");
        }
        String s = v.asText().trim();
        return s.isEmpty() ? null : s;
    }

    private static Path resolve(Path appDataDir, String relative, Path manifest, String field) {
        try {
            return appDataDir.resolve(relative);
        } catch (InvalidPathException e) {
            throw new BundleManifestException(field + " in " + manifest + " is not a usable path: " + e.getMessage(), e);
        }
    }

    private static URI uploadUri(String text, Path manifest) {
        try {
            URI uri = new URI(text);
            if (!TelemetryClientBuilder.isHttpUri(uri)) {
                throw new BundleManifestException("the upload address in " + manifest
                        + " must be an absolute http or https URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new BundleManifestException("the upload address in " + manifest + " is not a URL: "
                    + e.getMessage(), e);
        }
    }

    private static String readToken(Path file, Path manifest) {
        try {
            String token = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (token.isEmpty()) {
                throw new BundleManifestException("the token file named in " + manifest + " is empty: " + file);
            }
            return token;
        } catch (IOException e) {
            throw new BundleManifestException("cannot read the token file named in " + manifest + ": " + file, e);
        }
    }

    @Override
    public String toString() {
        return "BundleManifest[scenario=" + scenario + ", appVersion=" + appVersion + ", telemetryFile="
                + telemetryFile + ", uploadUri=" + (uploadUri == null ? null : Uploader.describe(uploadUri))
                + ", token=" + (token == null ? "none" : "set") + "]";
    }
}
