package org.dynamocsms.schemas.topics;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the registry's topics that do not exist yet, each with its own configuration over {@code sharedConfig}
 * (what every topic of a deployment has, e.g. {@code min.insync.replicas}); existing topics are left as they are.
 */
public final class TopicAdmin {

    private TopicAdmin() {
    }

    public static void ensure(Admin admin, Collection<Topic<?, ?>> topics, int partitions, short replicationFactor,
                              Map<String, String> sharedConfig) {
        try {
            Set<String> existing = admin.listTopics().names().get();
            List<org.apache.kafka.clients.admin.NewTopic> missing = topics.stream()
                    .filter(t -> !existing.contains(t.name()))
                    .map(t -> t.newTopic(partitions, replicationFactor, sharedConfig))
                    .toList();
            if (missing.isEmpty()) {
                return;
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
}
