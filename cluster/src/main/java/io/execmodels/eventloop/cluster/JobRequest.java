package io.execmodels.eventloop.cluster;

import io.execmodels.core.Job;
import java.io.Serializable;

/**
 * A {@code compute} job of the cluster model, primary to worker.
 *
 * @param id the primary's number for it, which the reply carries back
 * @param job what to run
 */
record JobRequest(long id, Job<?> job) implements Serializable {}
