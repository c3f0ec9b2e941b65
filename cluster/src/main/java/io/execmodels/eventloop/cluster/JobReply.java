package io.execmodels.eventloop.cluster;

import java.io.Serializable;

/**
 * A job's outcome, worker to primary: its value, or what it threw.
 *
 * @param id the request's id
 * @param value the job's result (serializable, or {@code null}); {@code null} if it failed
 * @param failure what the job threw, or {@code null} if it returned
 */
record JobReply(long id, Serializable value, Throwable failure) implements Serializable {}
