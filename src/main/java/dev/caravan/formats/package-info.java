/** Record sources for CSV and JSON text (parsing, Harper's casting, record limits); imports store and core. */
package dev.caravan.formats;
