package org.remotestruct.processor.validate;

import org.remotestruct.processor.model.FieldModel;

/** A field that passed its own checks, with where to report layout problems about it. */
record Candidate(FieldModel field, Location location, Location offsetLocation) {
}
