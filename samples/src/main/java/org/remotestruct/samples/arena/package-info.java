/**
 * Sample: records with automatic C layout that mirror a hand-written C header ({@code arena.h})
 * with an enum, bitfields, a union and an anonymous union; the build checks the record against the
 * header with the C compiler.
 */
package org.remotestruct.samples.arena;
