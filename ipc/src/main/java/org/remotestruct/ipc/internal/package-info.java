/**
 * Internal to remotestruct-ipc: the module's socket binding ({@link org.remotestruct.ipc.internal.LibC},
 * JNA direct mapping), checked socket and pidfd calls with errno turned into typed exceptions, and
 * the few {@code /proc} facts the receiver checks about a peer. Not API: may change in any release.
 */
package org.remotestruct.ipc.internal;
