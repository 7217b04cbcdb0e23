package dev.backfire.orchestrator.store;

/** Where a run is in its life. */
public enum RunStatus { PENDING, RUNNING, COMPLETED, FAILED }
