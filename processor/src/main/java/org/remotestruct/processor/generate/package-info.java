/**
 * Internal: pure generators from the model to Java sources (views), C headers and the
 * {@code ServiceLoader} registration.
 */
package org.remotestruct.processor.generate;
