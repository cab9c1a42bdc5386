package io.mayhem.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mayhem.testkit.ManualExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

    ManualExecutor executor = new ManualExecutor();
    List<List<String>> written = new ArrayList<>();
    List<List<Integer>> after = new ArrayList<>();
    GroupCommit<String, Integer> commit = new GroupCommit<>(executor, batch -> {
        written.add(List.copyOf(batch));
        return batch.stream().map(String::length).toList();
    }, after::add, 3);

    @Test
    void itemsSubmittedWhileNoFlushRunsShareOneBatch() {
        CompletableFuture<Integer> a = commit.submit("a");
        CompletableFuture<Integer> bb = commit.submit("bb");
        assertThat(executor.pending()).as("one flush, however many items").isEqualTo(1);
        assertThat(a).isNotDone();
        assertThat(commit.queued()).isEqualTo(2);

        executor.runUntilIdle();

        assertThat(written).containsExactly(List.of("a", "bb"));
        assertThat(a).isCompletedWithValue(1);
        assertThat(bb).isCompletedWithValue(2);
        assertThat(after).containsExactly(List.of(1, 2));
        assertThat(commit.batches()).isEqualTo(1);
        assertThat(commit.busy()).isFalse();
    }

    @Test
    void aBatchHoldsAtMostMaxBatchItemsAndTheRestFollowInTheNextFlush() {
        for (String item : List.of("1", "2", "3", "4", "5")) {
            commit.submit(item);
        }
        executor.runNext();
        assertThat(written).containsExactly(List.of("1", "2", "3"));
        assertThat(commit.busy()).isTrue();
        assertThat(executor.pending()).as("the next flush is a new task, so others can run between").isEqualTo(1);

        executor.runUntilIdle();

        assertThat(written).containsExactly(List.of("1", "2", "3"), List.of("4", "5"));
        assertThat(commit.batches()).isEqualTo(2);
    }

    @Test
    void itemsArrivingDuringAWriteGoIntoTheNextBatch() {
        List<CompletableFuture<Integer>> late = new ArrayList<>();
        GroupCommit<String, Integer>[] self = new GroupCommit[1];
        self[0] = new GroupCommit<>(executor, batch -> {
            written.add(List.copyOf(batch));
            if (written.size() == 1) {
                late.add(self[0].submit("late"));
            }
            return batch.stream().map(String::length).toList();
        }, 10);

        self[0].submit("first");
        executor.runUntilIdle();

        assertThat(written).containsExactly(List.of("first"), List.of("late"));
        assertThat(late.get(0)).isCompletedWithValue(4);
    }

    @Test
    void aFailedWriteFailsEveryItemOfItsBatchAndTheNextBatchIsWrittenAgain() {
        boolean[] fail = {true};
        GroupCommit<String, Integer> flaky = new GroupCommit<>(executor, batch -> {
            if (fail[0]) {
                fail[0] = false;
                throw new IllegalStateException("database down");
            }
            return batch.stream().map(String::length).toList();
        }, after::add, 10);

        CompletableFuture<Integer> a = flaky.submit("a");
        CompletableFuture<Integer> b = flaky.submit("b");
        executor.runUntilIdle();
        CompletableFuture<Integer> c = flaky.submit("cc");
        executor.runUntilIdle();

        assertThat(a).isCompletedExceptionally();
        assertThat(b).isCompletedExceptionally();
        assertThat(c).isCompletedWithValue(2);
        assertThat(after).as("nothing follows a failed batch").containsExactly(List.of(2));
    }

    @Test
    void aWriterReturningTheWrongNumberOfResultsFailsTheBatch() {
        GroupCommit<String, Integer> wrong = new GroupCommit<>(executor, batch -> List.of(), 10);

        CompletableFuture<Integer> a = wrong.submit("a");
        executor.runUntilIdle();

        assertThat(a).failsWithin(java.time.Duration.ZERO).withThrowableThat()
                .withMessageContaining("The writer returned 0 results for 1 items");
    }

    @Test
    void aRejectingExecutorFailsTheQueuedItemsAndTheNextSubmitTriesAgain() {
        boolean[] reject = {true};
        GroupCommit<String, Integer> rejected = new GroupCommit<>(task -> {
            if (reject[0]) {
                throw new RejectedExecutionException("shut down");
            }
            task.run();
        }, batch -> batch.stream().map(String::length).toList(), 10);

        CompletableFuture<Integer> a = rejected.submit("a");
        assertThat(a).isCompletedExceptionally();
        assertThat(rejected.busy()).isFalse();
        assertThat(rejected.queued()).isZero();

        reject[0] = false;
        assertThat(rejected.submit("bb")).isCompletedWithValue(2);
    }

    @Test
    void anExceptionAfterTheBatchStillLetsTheNextFlushRun() {
        GroupCommit<String, Integer> throwing = new GroupCommit<>(executor, batch -> {
            written.add(List.copyOf(batch));
            return batch.stream().map(String::length).toList();
        }, results -> {
            throw new IllegalStateException("send failed");
        }, 1);

        CompletableFuture<Integer> a = throwing.submit("a");
        CompletableFuture<Integer> b = throwing.submit("bb");
        assertThatThrownBy(executor::runNext).hasMessage("send failed");
        assertThat(a).isCompletedWithValue(1);
        assertThat(executor.pending()).isEqualTo(1);
        assertThatThrownBy(executor::runNext).hasMessage("send failed");

        assertThat(b).isCompletedWithValue(2);
        assertThat(throwing.busy()).isFalse();
    }

    @Test
    void aBatchOfLessThanOneIsRefused() {
        assertThatThrownBy(() -> new GroupCommit<String, Integer>(executor, batch -> List.of(), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxBatch must be >= 1, was 0");
    }
}
