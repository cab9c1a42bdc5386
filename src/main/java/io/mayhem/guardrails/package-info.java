/**
 * The guardrails of real restarts (docs/design.md section 10): dry run, target filters, quiet times, the
 * per-target minimum interval, the per-window maximum and the cluster-wide kill switch. Plain Java: the rules
 * that need the database reach it through interfaces the store implements.
 */
package io.mayhem.guardrails;
