package io.onex.engine.cluster.lease.internal;

import io.onex.engine.cluster.lease.Lease;
import io.onex.engine.cluster.lease.LeaseCheck;
import io.onex.engine.core.InternalApi;
import io.onex.engine.core.error.WorkflowError;
import io.onex.engine.persistence.EngineSerializable;
import java.util.List;

/** The lease manager's answers. */
@InternalApi
public sealed interface LeaseReply extends EngineSerializable {

  /** The lease as granted, renewed or released. */
  record Granted(Lease lease) implements LeaseReply {}

  /** The outcome of a verification. */
  record Checked(LeaseCheck check) implements LeaseReply {}

  /** The unexpired leases. */
  record Listed(List<Lease> leases) implements LeaseReply {}

  /** The request was refused, for the reason {@code error} names. */
  record Refused(WorkflowError error) implements LeaseReply {}
}
