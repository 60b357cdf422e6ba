/** The record formats, one registration (RecordFormat): readers for loads (parsing, Harper's casting, record limits) and writers for exports; imports search (the record sink a writer is), jobs (the job failure type), store and core. */
package dev.caravan.formats;
