-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)
--
-- Host: localhost    Database: shop
/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET NAMES utf8mb4 */;
DROP TABLE IF EXISTS `customers`;
CREATE TABLE `customers` (
  `id` int NOT NULL AUTO_INCREMENT,
  `username` varchar(64) NOT NULL,
  `email` varchar(255) DEFAULT NULL,
  `password` char(60) DEFAULT NULL,
  `full_name` varchar(128) DEFAULT NULL,
  `phone` varchar(32) DEFAULT NULL,
  `dob` date DEFAULT NULL,
  `reg_ip` varchar(45) DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `email` (`email`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
LOCK TABLES `customers` WRITE;
/*!40000 ALTER TABLE `customers` DISABLE KEYS */;
INSERT INTO `customers` VALUES (1,'mrossi','mario.rossi@libero.it','$2y$10$abcdefghijklmnopqrstuuJ8d8r7Dk3wvC0p0tH8zQxKJm3cWZ2Qe','Mario Rossi','+39 347 1234567','1985-03-12','151.18.33.2'),(2,'gbianchi','giulia.bianchi@gmail.com','$2y$10$Zyxwvutsrqponmlkjihgfe1Qk3kQz0i9Yw5gXk8aG2R8b1vC6uS4m','Giulia Bianchi','+39 333 7654321','1990-11-25','93.40.12.200'),(3,'o\'brien','m.obrien@hotmail.com','$2y$10$QWERTYUIOPASDFGHJKLZXe7u0XkzP4m9N8b7V6c5X4z3L2k1J0h9G','Michael O\'Brien','+1 617 555 0111','1968-12-25','66.31.7.180');
INSERT INTO `customers` VALUES (4,'lmuller',0x6C756B61732E6D75656C6C657240676D782E6465,'$2y$10$MNBVCXZLKJHGFDSAPOIUYeu3k2L1m0N9b8V7c6X5z4A3s2D1f0G9h',_binary 'Lukas M\xfcller','+49 151 23456789','1983-02-11','185.23.44.10'),(5,'nulls',NULL,NULL,'Ana L\u00f3pez',NULL,NULL,NULL),(6,'short','x');
/*!40000 ALTER TABLE `customers` ENABLE KEYS */;
UNLOCK TABLES;
