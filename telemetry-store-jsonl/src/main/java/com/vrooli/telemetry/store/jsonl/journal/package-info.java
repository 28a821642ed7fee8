/**
 * The store-wide write-ahead journal used with {@code FsyncPolicy.BATCH}: its segments and records,
 * the shared force that acknowledges appends, its replay into the scenario files on open, and the
 * write-behind that forces those files and checkpoints the journal. Internal to the store, not API.
 */
package com.vrooli.telemetry.store.jsonl.journal;
