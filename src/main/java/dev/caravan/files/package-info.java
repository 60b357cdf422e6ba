/** The server directories file operations may touch; imports nothing of Caravan's. */
package dev.caravan.files;
