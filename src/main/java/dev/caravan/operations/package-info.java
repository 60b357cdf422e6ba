/** The operation contract: an authenticated request, its handler, the registry the API dispatches to, and whether a waiting request's client is still there; imports auth and core. */
package dev.caravan.operations;
