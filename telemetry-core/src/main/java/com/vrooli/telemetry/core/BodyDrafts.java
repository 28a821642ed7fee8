package com.vrooli.telemetry.core;

import java.util.List;

/**
 * What a body reader found: the drafts in body order and the defaults an envelope gave its events.
 *
 * @param drafts             one per event of the body
 * @param envelopeScenario   the envelope's {@code scenario_name}, or null
 * @param envelopeDeployment the envelope's {@code deployment_id}, or null
 */
record BodyDrafts(List<EventDraft> drafts, String envelopeScenario, String envelopeDeployment) {
}
