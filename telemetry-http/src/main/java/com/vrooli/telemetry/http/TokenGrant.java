package com.vrooli.telemetry.http;

import java.util.List;

/**
 * What one API token may do. Holds no secret: the token itself stays inside {@link ApiTokens}.
 *
 * @param id              a small number naming the token inside this process (its position in the
 *                        configuration), used to key rate limits; never the token
 * @param read            whether it may call the read endpoints and {@code /metrics}
 * @param uploadScenarios the scenarios it may upload to; empty when it may not upload
 */
record TokenGrant(int id, boolean read, List<ScenarioPattern> uploadScenarios) {

    TokenGrant {
        uploadScenarios = List.copyOf(uploadScenarios);
    }

    boolean upload() {
        return !uploadScenarios.isEmpty();
    }

    /** Whether events of {@code scenario} may be uploaded with this token. */
    boolean mayWrite(String scenario) {
        for (ScenarioPattern p : uploadScenarios) {
            if (p.matches(scenario)) {
                return true;
            }
        }
        return false;
    }
}
