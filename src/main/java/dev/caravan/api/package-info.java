/** The HTTP edge: reading requests, writing Harper's answers and errors, body limits, answers from memory on the event loop, the asynchronous way through the route for requests that wait (wait_ms); imports operations, auth, store and core, and only the root imports it. */
package dev.caravan.api;
