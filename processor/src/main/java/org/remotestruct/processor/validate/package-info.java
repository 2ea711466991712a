/**
 * Internal: checks {@code @RemoteStruct} records (elements in, diagnostics out) and builds the
 * model only for records without errors.
 */
package org.remotestruct.processor.validate;
