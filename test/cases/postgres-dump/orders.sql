--
-- PostgreSQL database dump
--
SET statement_timeout = 0;
SET client_encoding = 'UTF8';

CREATE TABLE public.orders (
    order_number text NOT NULL,
    customer_id integer,
    email text,
    amount numeric(10,2),
    currency character(3),
    ordered_at timestamp with time zone,
    ship_to text
);

COPY public.orders (order_number, customer_id, email, amount, currency, ordered_at, ship_to) FROM stdin;
ORD-2024-000101	1001	mario.rossi@libero.it	59.90	EUR	2024-03-01 10:22:00+01	Via Roma 12, 20121 Milano
ORD-2024-000102	1002	giulia.bianchi@gmail.com	120.00	EUR	2024-03-02 18:05:10+01	Corso Vittorio Emanuele 5, 00186 Roma
ORD-2024-000103	1003	\N	15.50	EUR	2024-03-03 09:00:00+01	Piazza Garibaldi 3, 80142 Napoli
ORD-2024-000104	1004	francesca.deluca@yahoo.it	249.99	EUR	2024-03-05 21:45:30+01	Via Po 44, 10124 Torino
ORD-2024-000105	1005	nico.ferrari@libero.it	8.00	EUR	2024-03-07 12:00:00+01	Viale Monza 120, 20125 Milano
\.

--
-- PostgreSQL database dump complete
--
