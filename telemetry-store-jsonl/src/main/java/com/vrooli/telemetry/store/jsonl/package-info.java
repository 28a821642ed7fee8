/**
 * The embedded JSONL store: {@link com.vrooli.telemetry.store.jsonl.JsonlTelemetryStore} and its
 * builder, policies and stats are the API; the other public types here (the scenario file and its
 * registry, counters) and the sub-packages are internal to the store, public only for its wiring.
 */
package com.vrooli.telemetry.store.jsonl;
