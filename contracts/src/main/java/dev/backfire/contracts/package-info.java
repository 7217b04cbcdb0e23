/**
 * Event contracts of Backfire Lab: the records that travel on Kafka, and their JSON codec.
 *
 * <p>Every event is keyed on Kafka by its run id (so one partition holds a run's order), carries
 * {@code schemaVersion} and a unique {@code eventId} that consumers use to stay idempotent. Persistence
 * entities are never contracts: services map between the two.
 */
package dev.backfire.contracts;
