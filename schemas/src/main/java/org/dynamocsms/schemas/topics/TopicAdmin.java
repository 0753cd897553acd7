package org.dynamocsms.schemas.topics;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the registry's topics that do not exist yet, each with its own configuration over {@code sharedConfig}
 * (what every topic of a deployment has, e.g. {@code min.insync.replicas}); existing topics are left as they are.
 * Every topic of a deployment has the same number of partitions, because an application reads a charger's or a
 * site's records of all its input topics in one task (partition n of each): a topic missing from a deployment that
 * has some already is created with theirs, whatever {@code partitions} says, and topics that differ are refused.
 */
public final class TopicAdmin {

    private TopicAdmin() {
    }

    public static void ensure(Admin admin, Collection<Topic<?, ?>> topics, int partitions, short replicationFactor,
                              Map<String, String> sharedConfig) {
        try {
            Set<String> existing = admin.listTopics().names().get();
            int deployments = partitionsOf(admin, existing).orElse(partitions);
            List<org.apache.kafka.clients.admin.NewTopic> missing = topics.stream()
                    .filter(t -> !existing.contains(t.name()))
                    .map(t -> t.newTopic(deployments, replicationFactor, sharedConfig))
                    .toList();
            if (missing.isEmpty()) {
                return;
            }
            if (deployments != partitions) {
                System.getLogger(TopicAdmin.class.getName()).log(System.Logger.Level.WARNING, "Creating {0} with {1} "
                        + "partitions, as the deployment''s topics have, not {2}", missing.stream()
                        .map(org.apache.kafka.clients.admin.NewTopic::name).toList(), deployments, partitions);
            }
            try {
                admin.createTopics(missing).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot create topics: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /**
     * The number of partitions of the registry's topics among {@code existing}, empty if there are none.
     *
     * @throws IllegalStateException if they differ
     */
    private static OptionalInt partitionsOf(Admin admin, Set<String> existing)
            throws ExecutionException, InterruptedException {
        List<String> registry = Topics.ALL.stream().map(Topic::name).filter(existing::contains).toList();
        if (registry.isEmpty()) {
            return OptionalInt.empty();
        }
        Map<Integer, Set<String>> byPartitions = new TreeMap<>();
        for (TopicDescription topic : admin.describeTopics(registry).allTopicNames().get().values()) {
            byPartitions.computeIfAbsent(topic.partitions().size(), n -> new TreeSet<>()).add(topic.name());
        }
        if (byPartitions.size() > 1) {
            throw new IllegalStateException("The deployment's topics have different numbers of partitions "
                    + byPartitions + ": an application reads a key's records of every input topic in one task, "
                    + "so they must all have the same number");
        }
        return OptionalInt.of(byPartitions.keySet().iterator().next());
    }
}
