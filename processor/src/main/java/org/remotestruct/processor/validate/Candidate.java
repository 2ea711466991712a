package org.remotestruct.processor.validate;

import org.remotestruct.processor.model.FieldModel;

/**
 * A field that passed its own checks, with where to report layout problems about it.
 *
 * @param field the model; its offset is {@link FieldModel#AUTO} until the layout places it
 * @param location the component
 * @param offsetLocation its {@code offset} attribute (or the component)
 * @param offsetGiven whether {@code offset} is written
 * @param bitGiven whether {@code bit} is written
 */
record Candidate(FieldModel field, Location location, Location offsetLocation, boolean offsetGiven,
        boolean bitGiven) {

    /** The same candidate with its field placed by the layout. */
    Candidate with(FieldModel placed) {
        return new Candidate(placed, location, offsetLocation, offsetGiven, bitGiven);
    }
}
