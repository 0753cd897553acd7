package org.dynamocsms.command;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.dynamocsms.platform.kafka.ConsumerLoop;

/**
 * Replies awaited by id on a topic that every instance reads whole ({@link ConsumerLoop#fromEnd}), so the instance
 * that asked sees the reply wherever it was written. Expect an id before sending what it answers.
 */
public final class Replies<V> implements AutoCloseable {

    private final Map<String, CompletableFuture<V>> pending = new ConcurrentHashMap<>();
    private final Function<V, String> idOf;
    private final ConsumerLoop<String, V> listener;

    /** @param idOf the id a reply answers */
    public Replies(String name, Consumer<String, V> consumer, String topic, Function<V, String> idOf) {
        this.idOf = idOf;
        this.listener = ConsumerLoop.fromEnd(name, consumer, topic, this::complete);
    }

    /** The reply to {@code id}, once it arrives; {@link #forget} it when no longer waited for. */
    public CompletableFuture<V> expect(String id) {
        return pending.computeIfAbsent(id, any -> new CompletableFuture<>());
    }

    public void forget(String id) {
        pending.remove(id);
    }

    @Override
    public void close() {
        listener.close();
    }

    private void complete(ConsumerRecords<String, V> records) {
        for (ConsumerRecord<String, V> record : records) {
            if (record.value() != null) {
                CompletableFuture<V> waiting = pending.get(idOf.apply(record.value()));
                if (waiting != null) {
                    waiting.complete(record.value());
                }
            }
        }
    }
}
