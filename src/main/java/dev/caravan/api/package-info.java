/** The HTTP edge: reading requests, writing Harper's answers and errors, body limits, answers from memory on the event loop; imports operations, auth, store and core, and only the root imports it. */
package dev.caravan.api;
