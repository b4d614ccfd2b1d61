-- Orders and their items loaded from files (issue 4). An order keeps the customer_code the file gave (the natural
-- reference, what users filter by) next to customer_id (the seed's foreign key, filled by the loader's MERGE from
-- customers). Both tables get the provenance columns customers has: the job and row of the file that wrote a row;
-- an item's load_row_number is its order's row number.
ALTER TABLE orders ADD customer_code VARCHAR2(20 CHAR);
ALTER TABLE orders ADD load_job_id NUMBER(19);
ALTER TABLE orders ADD load_row_number NUMBER(19);
CREATE INDEX idx_orders_customer_code ON orders(customer_code);
CREATE INDEX idx_orders_source ON orders(source_file_id);

ALTER TABLE order_items ADD source_file_id NUMBER(19);
ALTER TABLE order_items ADD load_job_id NUMBER(19);
ALTER TABLE order_items ADD load_row_number NUMBER(19);
CREATE INDEX idx_order_items_source ON order_items(source_file_id);
