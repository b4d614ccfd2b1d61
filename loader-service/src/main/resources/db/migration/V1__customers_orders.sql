-- Seed section 5.1 target tables, owned by the loader. source_file_id refers to ingest's DATA_FILES by value.
CREATE TABLE customers (
    id              NUMBER(19) GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_code   VARCHAR2(20 CHAR) NOT NULL,
    name            VARCHAR2(100 CHAR) NOT NULL,
    email           VARCHAR2(100 CHAR),
    phone           VARCHAR2(20 CHAR),
    country         VARCHAR2(50 CHAR),
    segment         VARCHAR2(50 CHAR),
    credit_limit    NUMBER(12,2),
    is_active       NUMBER(1) DEFAULT 1 NOT NULL,
    source_file_id  NUMBER(19),
    created_at      TIMESTAMP DEFAULT SYSTIMESTAMP NOT NULL,
    CONSTRAINT uq_customers_code UNIQUE (customer_code)
);
CREATE INDEX idx_customers_country ON customers(country);
CREATE INDEX idx_customers_segment ON customers(segment);
CREATE INDEX idx_customers_source ON customers(source_file_id);

CREATE TABLE orders (
    id              NUMBER(19) GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_number    VARCHAR2(20 CHAR) NOT NULL,
    customer_id     NUMBER(19) NOT NULL,
    order_date      DATE NOT NULL,
    total_amount    NUMBER(12,2) NOT NULL,
    status          VARCHAR2(20 CHAR) DEFAULT 'pending',
    source_file_id  NUMBER(19),
    created_at      TIMESTAMP DEFAULT SYSTIMESTAMP NOT NULL,
    CONSTRAINT uq_orders_number UNIQUE (order_number),
    CONSTRAINT fk_order_customer FOREIGN KEY (customer_id) REFERENCES customers(id)
);
CREATE INDEX idx_orders_customer ON orders(customer_id);
CREATE INDEX idx_orders_date ON orders(order_date);
CREATE INDEX idx_orders_status ON orders(status);

CREATE TABLE order_items (
    id              NUMBER(19) GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id        NUMBER(19) NOT NULL,
    line_no         NUMBER(10) NOT NULL,
    product         VARCHAR2(100 CHAR) NOT NULL,
    qty             NUMBER(10) NOT NULL,
    price           NUMBER(12,2) NOT NULL,
    CONSTRAINT uq_order_items_line UNIQUE (order_id, line_no),
    CONSTRAINT fk_item_order FOREIGN KEY (order_id) REFERENCES orders(id)
);

-- Processed-batch ledger, written in the same transaction as the batch's rows.
CREATE TABLE loaded_batches (
    job_id          NUMBER(19) NOT NULL,
    batch_no        NUMBER(10) NOT NULL,
    file_id         NUMBER(19) NOT NULL,
    rows_offered    NUMBER(10) NOT NULL,
    rows_loaded     NUMBER(10) NOT NULL,
    processed_at    TIMESTAMP DEFAULT SYSTIMESTAMP NOT NULL,
    CONSTRAINT pk_loaded_batches PRIMARY KEY (job_id, batch_no)
);
