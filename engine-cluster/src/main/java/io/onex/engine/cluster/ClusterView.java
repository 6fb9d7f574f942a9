package io.onex.engine.cluster;

import java.util.List;
import java.util.Map;

/**
 * The cluster as one node sees it at one moment: its members with their status and roles, and where
 * the shards of each workflow type's instances are hosted. Immutable.
 *
 * @param self this node's address
 * @param leader the address of the cluster's leader, or {@code null} while there is none
 * @param members every member this node knows of, by address
 * @param shards per workflow type, the nodes hosting its shards
 */
public record ClusterView(
    String self, String leader, List<Member> members, Map<String, List<ShardHost>> shards) {

  /**
   * One cluster member.
   *
   * @param address its address ({@code pekko://<system>@<host>:<port>})
   * @param status its membership status: Joining, WeaklyUp, Up, Leaving, Exiting, Down, Removed
   * @param roles its roles
   * @param reachable whether this node's failure detector can reach it
   */
  public record Member(String address, String status, List<String> roles, boolean reachable) {}

  /**
   * The shards of one workflow type hosted by one node.
   *
   * @param address the hosting node
   * @param shardCount how many shards it hosts
   * @param instanceCount how many instances are running in them
   * @param shards running instances per shard id
   */
  public record ShardHost(
      String address, int shardCount, int instanceCount, Map<String, Integer> shards) {}
}
