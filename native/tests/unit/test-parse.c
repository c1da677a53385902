#include <string.h>
#include "tap.h"
#include "parse.h"

int
main (void)
{
  corral_error_t err;
  int ctid;
  uint64_t v;
  uint32_t a, net;
  int prefix;

  ok (parse_ctid ("101", &ctid, &err) == 0 && ctid == 101, "parse_ctid accepts 101");
  ok (parse_ctid ("2147483644", &ctid, &err) == 0, "parse_ctid accepts vzctl's maximum");
  ok (parse_ctid ("2147483645", &ctid, &err) < 0 && err.exit_code == EXIT_BADVALUE, "parse_ctid rejects max+1");
  ok (parse_ctid ("100", &ctid, &err) < 0, "parse_ctid rejects reserved 100");
  ok (parse_ctid ("0", &ctid, &err) < 0, "parse_ctid rejects 0");
  ok (parse_ctid ("-5", &ctid, &err) < 0, "parse_ctid rejects -5");
  ok (parse_ctid ("../x", &ctid, &err) < 0 && strstr (err.message, "`../x`"), "parse_ctid rejects ../x naming it");
  ok (parse_ctid ("101abc", &ctid, &err) < 0, "parse_ctid rejects 101abc");
  ok (parse_ctid ("99999999999999999999", &ctid, &err) < 0, "parse_ctid rejects a huge number");
  ok (parse_ctid ("", &ctid, &err) < 0, "parse_ctid rejects empty");

  ok (parse_size ("512M", &v, &err) == 0 && v == 512ull << 20, "parse_size 512M");
  ok (parse_size ("2g", &v, &err) == 0 && v == 2ull << 30, "parse_size 2g");
  ok (parse_size ("1T", &v, &err) == 0 && v == 1ull << 40, "parse_size 1T");
  ok (parse_size ("3P", &v, &err) == 0 && v == 3ull << 50, "parse_size 3P");
  ok (parse_size ("1024", &v, &err) == 0 && v == 1024, "parse_size plain bytes");
  ok (parse_size ("10KB", &v, &err) == 0 && v == 10240, "parse_size 10KB");
  ok (parse_size ("unlimited", &v, &err) == 0 && v == UINT64_MAX, "parse_size unlimited");
  ok (parse_size ("12Q", &v, &err) < 0 && strstr (err.message, "12Q"), "parse_size rejects 12Q");
  ok (parse_size ("-1M", &v, &err) < 0, "parse_size rejects negatives");
  ok (parse_size ("20000000P", &v, &err) < 0, "parse_size rejects overflow");
  ok (parse_size ("99999999999999999999999", &v, &err) < 0, "parse_size rejects digit overflow");
  ok (parse_size ("1MM", &v, &err) < 0, "parse_size rejects 1MM");
  ok (parse_size ("", &v, &err) < 0, "parse_size rejects empty");

  ok (parse_hostname_valid ("ct101"), "hostname ct101");
  ok (parse_hostname_valid ("a-b.example.com"), "hostname with dots and dashes");
  ok (!parse_hostname_valid ("-bad"), "hostname rejects leading dash");
  ok (!parse_hostname_valid ("bad-"), "hostname rejects trailing dash");
  ok (!parse_hostname_valid ("a..b"), "hostname rejects empty label");
  ok (!parse_hostname_valid ("bad_host"), "hostname rejects underscore");
  ok (!parse_hostname_valid ("x/y"), "hostname rejects slash");
  ok (!parse_hostname_valid ("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"), "hostname rejects 64-char label");
  ok (!parse_hostname_valid (""), "hostname rejects empty");

  ok (parse_ipv4 ("10.77.0.5", &a, &err) == 0 && a == 0x0a4d0005, "ipv4 10.77.0.5");
  ok (parse_ipv4 ("256.1.1.1", &a, &err) < 0, "ipv4 rejects 256");
  ok (parse_ipv4 ("1.2.3", &a, &err) < 0, "ipv4 rejects three parts");
  ok (parse_ipv4 ("01.2.3.4", &a, &err) < 0, "ipv4 rejects leading zero");
  ok (parse_ipv4 ("1.2.3.4 ", &a, &err) < 0, "ipv4 rejects trailing space");
  ok (parse_cidr ("10.77.0.0/24", &net, &prefix, &err) == 0 && prefix == 24, "cidr /24");
  ok (parse_cidr ("10.77.0.0/33", &net, &prefix, &err) < 0, "cidr rejects /33");
  parse_ipv4 ("10.77.0.5", &a, &err);
  ok (parse_ipv4_in_subnet (a, net, 24), "10.77.0.5 in 10.77.0.0/24");
  parse_ipv4 ("10.77.0.255", &a, &err);
  ok (!parse_ipv4_in_subnet (a, net, 24), "broadcast address refused");
  parse_ipv4 ("10.78.0.5", &a, &err);
  ok (!parse_ipv4_in_subnet (a, net, 24), "10.78.0.5 outside");
  return tap_done ();
}
