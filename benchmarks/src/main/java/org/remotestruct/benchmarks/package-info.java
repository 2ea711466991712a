/**
 * JMH benchmarks of remote reads against a real second process ({@code bench_target.c}), each
 * benchmark beside its baseline in the same class so one run measures both. Not API: run them with
 * {@code java -jar benchmarks/target/benchmarks.jar}; see {@code docs/benchmarks.md}.
 */
package org.remotestruct.benchmarks;
