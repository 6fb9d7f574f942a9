/**
 * The history command ({@code history export|show|replay|import}): works on the journal of a
 * stopped node (its data directory or a JDBC URL) or on exported NDJSON files.
 */
package io.onex.engine.node.cli;
