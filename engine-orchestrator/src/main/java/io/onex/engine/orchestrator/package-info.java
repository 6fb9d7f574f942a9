/**
 * The declarative orchestrator: workflows defined as data ({@link
 * io.onex.engine.orchestrator.WorkflowSpec}, JSON or YAML, checked against {@link
 * io.onex.engine.orchestrator.WorkflowSpecs#schema()}), coordinated SEQUENTIAL, PARALLEL by
 * dependency level, as a PIPELINE or EVENT_DRIVEN, with retry, skip, abort and compensation, child
 * workflows and signals ({@link io.onex.engine.orchestrator.WorkflowIntentHandler}), registered in
 * the cluster's durable catalog and rolled out gradually ({@link
 * io.onex.engine.orchestrator.SpecCatalog}).
 */
package io.onex.engine.orchestrator;
