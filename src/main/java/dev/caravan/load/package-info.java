/** The load jobs (csv_data_load, csv_file_load, csv_url_load, import_from_s3): sources, their limits and the batch writer; imports the packages below it and no other job kind. */
package dev.caravan.load;
