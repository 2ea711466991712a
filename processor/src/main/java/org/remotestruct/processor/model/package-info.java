/**
 * Internal: the immutable model of a validated {@code @RemoteStruct} record. Holds no
 * {@code javax.lang.model} types, so generators are pure functions of it and testable alone.
 */
package org.remotestruct.processor.model;
