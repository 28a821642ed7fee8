/**
 * The store's directory: its lock file, its layout and one listing of its scenario files and
 * segments, safe scenario names and their case-folded owners, directory fsync, and the bound on
 * the scenario files kept open.
 * Internal to the JSONL store, not API: public only so the store's other packages can use it.
 */
package com.vrooli.telemetry.store.jsonl.directory;
