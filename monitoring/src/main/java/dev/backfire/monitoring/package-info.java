/**
 * Checks of Backfire Lab's monitoring files, run by this module's tests: the Prometheus alert rules (promtool
 * {@code check rules} and {@code test rules}, plus the project's own rule conventions), the PromQL inside the
 * Grafana dashboards (parsed by promtool), the dashboards' JSON against the Grafana schema types (a Node checker)
 * and the dashboards' portability conventions. Plain Java and Jackson; the external tools are found on the PATH.
 */
package dev.backfire.monitoring;
