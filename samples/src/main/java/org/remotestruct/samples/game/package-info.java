/**
 * Sample: the structs of the C game server ({@code samples/src/main/c/game_server.c}), mirrored as
 * records; the processor generates their views and the C headers the server includes. Not API:
 * the records change with the sample server.
 */
package org.remotestruct.samples.game;
