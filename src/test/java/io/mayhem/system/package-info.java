/**
 * System tests and the benchmark: the service started as the run command starts it, broken from outside
 * (signals, kill -9, database and broker outages, a cluster), measured from outside; and the kubernetes restarter
 * inside it, against a mock API server.
 */
package io.mayhem.system;
