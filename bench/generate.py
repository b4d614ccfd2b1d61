#!/usr/bin/env python3
"""Benchmark input generators, written as a stream (no file held in memory).

  generate.py N PATH [PREFIX]             customers CSV of N rows with codes PREFIX000000000.. (default B); every
                                          50th row (2%) has an invalid email
  generate.py orders N PATH CUSTOMERS     orders JSON array of N orders with 1-3 items each, referencing the
                                          customers B000000000..B{CUSTOMERS-1} the customers file loads (never its bad rows); every
                                          100th order names an unknown customer (REFERENCE at the loader) and
                                          every 100th order, offset by 50, has an item whose qty is not a number
                                          (TYPE at validation). Prints "orders=N unknown_customers=A bad_items=B".
"""
import sys


def customers(rows, path, prefix="B"):
    with open(path, "w") as out:
        out.write("customer_code,name,email,phone,country,segment,credit_limit\n")
        for i in range(rows):
            email = "not-an-email" if i % 50 == 0 else f"user{i}@example.com"
            out.write(f"{prefix}{i:09d},Customer {i},{email},+1-555-{i % 10000:04d},USA,SMB,{(i % 1000) * 10}.00\n")


def orders(rows, path, customer_count):
    unknown = bad = 0
    with open(path, "w") as out:
        out.write("[\n")
        for i in range(rows):
            if i % 100 == 0:
                customer = f"X{i:09d}"
                unknown += 1
            else:
                # every 50th customer has a bad email and is not loaded: never pick one of those
                index = (i * 7919) % customer_count
                customer = f"B{index + 1 if index % 50 == 0 else index:09d}"
            items = []
            total = 0
            for line in range(1 + i % 3):
                qty, price = 1 + (i + line) % 9, 5 + (i * 3 + line) % 200
                total += qty * price
                items.append(f'{{"product": "Product {(i + line) % 500}", "qty": {qty}, "price": {price}.00}}')
            if i % 100 == 50:
                items[-1] = items[-1].replace('"qty": ', '"qty": "many", "was": ')
                bad += 1
            out.write(("," if i else "") + f'{{"order_number": "BO{i:010d}", "customer_code": "{customer}", '
                      f'"order_date": "2024-{1 + i % 12:02d}-{1 + i % 28:02d}", "items": [{", ".join(items)}], '
                      f'"total_amount": {total}.00, "status": "completed"}}\n')
        out.write("]\n")
    print(f"orders={rows} unknown_customers={unknown} bad_items={bad}")


if __name__ == "__main__":
    if sys.argv[1] == "orders":
        orders(int(sys.argv[2]), sys.argv[3], int(sys.argv[4]))
    else:
        customers(int(sys.argv[1]), sys.argv[2], *sys.argv[3:4])
