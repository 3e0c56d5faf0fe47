"""Applications and orders (订单): new certificates, renewal, change, reissue; payment."""
