/** Harper's shared vocabulary (the JSON mapper, the error that carries an HTTP status and Harper's body, the name rules); imports nothing of Caravan's. */
package dev.caravan.core;
