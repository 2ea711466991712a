package org.remotestruct.processor.validate;

import org.remotestruct.processor.model.StructModel;

/**
 * What validating one record gave: a model to generate from, errors (already reported), or a
 * deferral because a nested struct's view does not exist yet but may appear in a later round.
 *
 * @param model the model if valid, else {@code null}
 * @param deferred whether to try again next round
 */
public record Outcome(StructModel model, boolean deferred) {

    static final Outcome INVALID = new Outcome(null, false);
    static final Outcome DEFERRED = new Outcome(null, true);

    /** Whether the record is valid and ready to generate. */
    public boolean valid() {
        return model != null;
    }
}
