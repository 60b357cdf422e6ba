/** Record sources for CSV and JSON text (parsing, Harper's casting, record limits); imports jobs (for the job failure type), store and core. */
package dev.caravan.formats;
