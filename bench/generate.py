#!/usr/bin/env python3
"""Writes a customers CSV of N rows in which every 50th row (2%) has an invalid email."""
import sys

rows, path = int(sys.argv[1]), sys.argv[2]
with open(path, "w") as out:
    out.write("customer_code,name,email,phone,country,segment,credit_limit\n")
    for i in range(rows):
        email = "not-an-email" if i % 50 == 0 else f"user{i}@example.com"
        out.write(f"B{i:09d},Customer {i},{email},+1-555-{i % 10000:04d},USA,SMB,{(i % 1000) * 10}.00\n")
