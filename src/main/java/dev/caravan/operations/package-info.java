/** The operation contract: an authenticated request, its handler and the registry the API dispatches to; imports auth and core. */
package dev.caravan.operations;
