/** placeholder */
package dev.backfire.orchestrator;
