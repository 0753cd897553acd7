package org.dynamocsms.platform.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class CachedTest {

    private final AtomicLong nanos = new AtomicLong();
    private final AtomicInteger asked = new AtomicInteger();

    @Test
    void reusesTheAnswerForItsPeriodCountedFromTheAnswer() {
        Cached<Integer> cached = new Cached<>(() -> {
            nanos.addAndGet(Duration.ofSeconds(2).toNanos()); // a slow answer
            return asked.incrementAndGet();
        }, Duration.ofSeconds(5), nanos::get);

        assertThat(cached.get()).isEqualTo(1);
        nanos.addAndGet(Duration.ofMillis(4_999).toNanos());
        assertThat(cached.get()).as("4.999 s after the answer").isEqualTo(1);
        nanos.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(cached.get()).as("5 s after the answer").isEqualTo(2);
    }

    @Test
    void callersArrivingDuringAQuestionShareItsAnswer() throws Exception {
        CountDownLatch answering = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Cached<Integer> cached = new Cached<>(() -> {
            answering.countDown();
            await(release);
            return asked.incrementAndGet();
        }, Duration.ofSeconds(5), nanos::get);
        ExecutorService probes = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            answers.add(probes.submit(cached::get));
            assertThat(answering.await(10, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 7; i++) {
                answers.add(probes.submit(cached::get));
            }
            release.countDown();
            for (Future<Integer> answer : answers) {
                assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo(1);
            }
            assertThat(asked).hasValue(1);
        } finally {
            probes.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
